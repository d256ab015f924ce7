"""Click commands of the `handbook` CLI, one module per area (registered in handbook.cli)."""
