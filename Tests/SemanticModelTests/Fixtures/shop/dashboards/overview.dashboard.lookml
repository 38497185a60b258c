- dashboard: overview
  title: Shop overview
  layout: newspaper
  filters:
  - name: date
    title: Date
    type: date_filter
    default_value: 30 days
  - name: status
    title: Status
    type: field_filter
    model: ecommerce
    explore: orders
    field: orders.status
  elements:
  - name: revenue
    title: Revenue
    type: single_value
    model: ecommerce
    explore: orders
    fields: [orders.total_amount]
    listen:
      date: orders.created_date
      status: orders.status
    row: 0
    col: 0
    width: 6
    height: 4
  - name: by_month
    title: Orders by month
    type: looker_line
    model: ecommerce
    explore: orders
    fields: [orders.created_month, orders.count]
    sorts: [orders.created_month desc]
    filters:
      orders.status: complete
    limit: 500
    total: true
  - name: about
    type: text
    title_text: About
    body_text: Numbers exclude test orders.
