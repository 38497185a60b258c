- dashboard: overview
  title: Customer overview
  layout: newspaper
  elements:
  - name: by_country
    title: Customers by country
    type: looker_bar
    model: tiny
    explore: customers
    fields: [customers.country, customers.count]
    sorts: [customers.count desc]
