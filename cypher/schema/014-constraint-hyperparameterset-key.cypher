CREATE CONSTRAINT hyperparameterset_key IF NOT EXISTS FOR (n:HyperparameterSet) REQUIRE n.key IS UNIQUE
