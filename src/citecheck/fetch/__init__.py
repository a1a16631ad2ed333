"""The fetch stage: URL -> FetchResult (attempts, redirect chain, decoded text, Outcome)."""
