// Placeholder translation unit until the backend layer has sources.
