// Placeholder translation unit until the ui layer has sources.
