// Placeholder translation unit until the models layer has sources.
