- dashboard: business_pulse
  title: Business Pulse
  layout: newspaper
  preferred_viewer: dashboards-next
  crossfilter_enabled: true
  filters:
  - name: date
    title: Date
    type: date_filter
    default_value: 90 days
    allow_multiple_values: true
    required: false
  - name: state
    title: State
    type: field_filter
    model: retail
    explore: order_items
    field: users.state
    listens_to_filters: []
    ui_config:
      type: tag_list
      display: popover
  elements:
  - name: revenue
    title: Revenue
    type: single_value
    model: retail
    explore: order_items
    fields: [order_items.total_sale_price]
    listen:
      date: order_items.created_date
      state: users.state
    row: 0
    col: 0
    width: 6
    height: 4
  - name: revenue_by_brand
    title: Revenue by Brand
    type: looker_grid
    model: retail
    explore: order_items
    dimensions: [products.brand]
    measures: [order_items.total_sale_price, order_items.count]
    dynamic_fields:
    - category: table_calculation
      expression: "${order_items.total_sale_price} / ${order_items.count}"
      label: Average Item Price
      value_format_name: euro_0
      table_calculation: average_item_price
      _kind_hint: measure
      _type_hint: number
    - measure: distinct_buyers
      based_on: order_items.user_id
      type: count_distinct
      label: Distinct Buyers
    sorts: [average_item_price desc]
    limit: 20
    listen:
      date: order_items.created_date
    row: 0
    col: 6
    width: 18
    height: 8
  - name: buyers_and_catalogue
    title: Buyers and Catalogue
    type: looker_column
    merged_queries:
    - model: retail
      explore: order_items
      fields: [products.category, order_items.count]
      sorts: [order_items.count desc]
      limit: 50
    - model: retail
      explore: products
      fields: [products.category, products.count]
      join_fields:
      - field_name: products.category
        source_field_name: products.category
    row: 8
    col: 0
    width: 24
    height: 8
  - name: notes
    type: text
    title_text: How to read this
    body_text: Revenue excludes cancelled items.
