"""OpenAPI contracts: loading, conversion to JSON Schema, operation index and validation."""
