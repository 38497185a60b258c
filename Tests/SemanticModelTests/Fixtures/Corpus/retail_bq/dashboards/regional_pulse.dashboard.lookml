- dashboard: regional_pulse
  title: Regional Pulse
  extends: business_pulse
  elements:
  - name: revenue
    title: Revenue in the Region
    type: single_value
    model: retail
    explore: order_items
    fields: [order_items.total_sale_price, users.count]
    listen:
      state: users.state
