namespace Lineage.Graph.Server.Tests.Browser;

/// <summary>
/// The introspection that Banana Cake Pop 18 sends when it opens a document, copied from its
/// requests: first it asks which fields the introspection types have, then it asks for the
/// whole schema with only those fields.
/// </summary>
internal static class BananaCakePopIntrospection
{
    public static readonly string[] Probes =
    [
        """
        query IntrospectionQuery {
          __type(name: "__Schema") {
            name
            fields {
              name
            }
          }
        }
        """,
        """
        query IntrospectionQuery {
          __type(name: "__Directive") {
            name
            fields {
              name
            }
          }
        }
        """,
        """
        query IntrospectionQuery {
          __type(name: "__InputValue") {
            fields {
              name
            }
          }
        }
        """,
        """
        query IntrospectionQuery {
          __type(name: "__Type") {
            name
            fields {
              name
            }
          }
        }
        """,
    ];

    public const string FullSchema = """
        query IntrospectionQuery {
          __schema {
            queryType {
              name
            }
            mutationType {
              name
            }
            subscriptionType {
              name
            }
            types {
              ...FullType
            }
            directives {
              name
              description
              args {
                ...InputValue
              }
              locations
            }
          }
        }

        fragment FullType on __Type {
          kind
          name
          description
          fields(includeDeprecated: true) {
            name
            description
            args {
              ...InputValue
            }
            type {
              ...TypeRef
            }
            isDeprecated
            deprecationReason
          }
          inputFields {
            ...InputValue
          }
          interfaces {
            ...TypeRef
          }
          enumValues(includeDeprecated: true) {
            name
            description
            isDeprecated
            deprecationReason
          }
          possibleTypes {
            ...TypeRef
          }
        }

        fragment InputValue on __InputValue {
          name
          description
          type {
            ...TypeRef
          }
          defaultValue
        }

        fragment TypeRef on __Type {
          kind
          name
          ofType {
            kind
            name
            ofType {
              kind
              name
              ofType {
                kind
                name
                ofType {
                  kind
                  name
                  ofType {
                    kind
                    name
                  }
                }
              }
            }
          }
        }
        """;
}
