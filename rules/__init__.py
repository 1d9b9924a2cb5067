"""Rule packs shipped with policyscan (data, not code)."""
