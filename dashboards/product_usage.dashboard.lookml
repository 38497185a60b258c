- dashboard: product_usage
  title: "Product Usage"
  description: "Active users by platform and feature adoption. Distinct users are computed per period by the database, never added up."
  layout: newspaper
  preferred_viewer: dashboards-next

  filters:
  - name: platform
    title: "Platform"
    type: field_filter
    default_value: ""
    model: parley
    explore: events
    field: events.platform
  - name: edition
    title: "Edition"
    type: field_filter
    default_value: ""
    model: parley
    explore: events
    field: servers.edition

  elements:
  - name: monthly_active_users
    title: "Monthly Active Users (latest month)"
    type: single_value
    model: parley
    explore: events
    fields: [events.event_month, events.active_users]
    sorts: [events.event_month desc]
    limit: 2
    listen:
      platform: events.platform
      edition: servers.edition
    row: 0
    col: 0
    width: 8
    height: 3

  - name: calls_adoption_latest
    title: "Calls Adoption (latest month)"
    type: single_value
    model: parley
    explore: events
    fields: [events.event_month, events.call_adoption]
    sorts: [events.event_month desc]
    limit: 2
    listen:
      platform: events.platform
      edition: servers.edition
    row: 0
    col: 8
    width: 8
    height: 3

  - name: signups_latest
    title: "Signups (latest month)"
    type: single_value
    model: parley
    explore: events
    fields: [events.event_month, events.signups]
    sorts: [events.event_month desc]
    limit: 2
    listen:
      platform: events.platform
      edition: servers.edition
    row: 0
    col: 16
    width: 8
    height: 3

  - name: mau_by_platform
    title: "Monthly Active Users by Platform"
    type: looker_line
    model: parley
    explore: events
    fields: [events.event_month, events.platform_family, events.active_users]
    pivots: [events.platform_family]
    sorts: [events.event_month]
    limit: 500
    listen:
      edition: servers.edition
    row: 3
    col: 0
    width: 12
    height: 8

  - name: daily_active_users_summer_2025
    title: "Daily Active Users, Summer 2025 (the desktop 9.10 crash)"
    type: looker_line
    model: parley
    explore: events
    fields: [events.event_date, events.platform_family, events.active_users]
    pivots: [events.platform_family]
    filters:
      events.event_date: "2025/07/01 to 2025/09/01"
    sorts: [events.event_date]
    limit: 500
    listen:
      edition: servers.edition
    row: 3
    col: 12
    width: 12
    height: 8

  - name: feature_adoption
    title: "Feature Adoption by Month"
    type: looker_column
    model: parley
    explore: events
    fields: [events.event_month, events.call_users, events.playbook_users, events.ai_users]
    filters:
      events.event_date: "2024/07/01 to 2026/11/01"
    sorts: [events.event_month]
    limit: 500
    listen:
      platform: events.platform
      edition: servers.edition
    row: 11
    col: 0
    width: 12
    height: 8

  - name: users_by_server_version
    title: "Active Users by Server Major Version (2026)"
    type: looker_bar
    model: parley
    explore: events
    fields: [events.server_major_version, events.active_users, events.events_per_active_user]
    filters:
      events.event_date: "2026/01/01 to 2026/11/01"
    sorts: [events.server_major_version desc]
    limit: 10
    listen:
      platform: events.platform
      edition: servers.edition
    row: 11
    col: 12
    width: 12
    height: 8

  - name: top_events
    title: "Top Events (October 2026)"
    type: looker_grid
    model: parley
    explore: events
    fields: [events.event_name, events.feature, events.count, events.active_users]
    filters:
      events.event_date: "2026/10/01 to 2026/11/01"
    sorts: [events.count desc]
    limit: 25
    listen:
      platform: events.platform
      edition: servers.edition
    row: 19
    col: 0
    width: 12
    height: 9

  - name: multi_platform_users
    title: "Users by Number of Platforms"
    type: table
    model: parley
    explore: users
    fields: [users.platform_count, users.human_count]
    filters:
      users.is_bot: "No"
    sorts: [users.platform_count]
    limit: 10
    listen:
      edition: servers.edition
    row: 19
    col: 12
    width: 12
    height: 9
