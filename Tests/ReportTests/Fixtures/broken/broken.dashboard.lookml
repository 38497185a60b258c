- dashboard: broken
  title: "Broken"
  elements:
  - name: accounts_by_region
    title: "Accounts by Region"
    type: looker_bar
    model: broken
    explore: regions
    fields: [regions.region, regions.count]
    sorts: [regions.count desc]
  - name: missing_tile
    title: "From a Table That Is Gone"
    type: table
    model: broken
    explore: missing
    fields: [missing.name, missing.count]
