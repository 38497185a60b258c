# No model includes this dashboard, so Looker never reads it: its stale field is not a mistake.
- dashboard: archived_pulse
  title: Archived Pulse
  elements:
  - name: old_tile
    type: table
    model: retail
    explore: order_items
    fields: [order_items.legacy_margin]
