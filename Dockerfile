# The lineage server, built from source. docker-compose.yml runs it against Neo4j.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
# npm lets the build install Banana Cake Pop; without it the server still builds and serves a page that says how to connect an IDE.
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*
WORKDIR /source
COPY . .
RUN dotnet publish src/Lineage.Graph.Server -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_URLS=http://+:8080 \
    Lineage__Sqlite__Path=/data/lineage.db
# The server runs as the image's unprivileged user, which cannot create /data itself; a named volume mounted
# there takes this folder's owner, so the embedded store can create its file on the first start.
RUN mkdir /data && chown $APP_UID /data
VOLUME /data
EXPOSE 8080
USER $APP_UID
ENTRYPOINT ["dotnet", "Lineage.Graph.Server.dll"]
