"""Local WARC archive (write, index, read, export) and the Wayback Machine client."""
