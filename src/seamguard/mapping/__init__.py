"""Field-mapping specs: model, transforms, engine, lint."""
