"""Cash drawers: sessions and their counts by denomination, vault moves, the drawer report."""
