CREATE INDEX entity_kind_namespace_name IF NOT EXISTS FOR (n:Entity) ON (n.kind, n.namespace, n.name)
