"""The graph's data model: schema (labels, relationship types, properties), identity of documents and
organisations across texts, facts with their support, and the Batch of rows a text gives."""
