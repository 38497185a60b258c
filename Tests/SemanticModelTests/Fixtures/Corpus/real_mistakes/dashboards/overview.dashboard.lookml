- dashboard: overview
  title: Overview
  filters:
  - name: region
    type: field_filter
    explore: orders
    field: customers.region
  elements:
  - name: by_region
    type: looker_bar
    explore: orders
    fields: [customers.region, orders.count, share]
    dynamic_fields:
    - table_calculation: share
      expression: "${orders.count} / sum(${orders.cnt})"
    listen:
      regoin: customers.region
