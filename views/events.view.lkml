# fct_events: product telemetry from the web, desktop and mobile apps, one row per event.
view: events {
  sql_table_name: fct_events ;;
  label: "Events"

  dimension: event_id {
    primary_key: yes
    hidden: yes
    type: number
    sql: ${TABLE}.event_id ;;
  }

  dimension: user_id {
    type: number
    label: "User ID"
    value_format_name: id
    sql: ${TABLE}.user_id ;;
  }

  dimension: server_id {
    hidden: yes
    type: number
    sql: ${TABLE}.server_id ;;
  }

  dimension_group: event {
    type: time
    label: "Event"
    description: "When the event happened (UTC)."
    timeframes: [raw, time, date, week, month, quarter, year, day_of_week, hour_of_day]
    sql: ${TABLE}.event_at ;;
  }

  dimension: event_name {
    type: string
    description: "What the user did, e.g. message_sent, call_joined, ai_summary_requested."
    sql: ${TABLE}.event_name ;;
  }

  dimension: feature {
    type: string
    description: "Product area of the event: Messaging, Calls, Playbooks, AI, Search, Files, Integrations, Onboarding or Other."
    sql: CASE
           WHEN ${TABLE}.event_name IN ('call_started', 'call_joined', 'screen_share_started') THEN 'Calls'
           WHEN ${TABLE}.event_name LIKE 'playbook%' THEN 'Playbooks'
           WHEN ${TABLE}.event_name LIKE 'ai_%' THEN 'AI'
           WHEN ${TABLE}.event_name IN ('message_sent', 'message_edited', 'reaction_added', 'thread_viewed', 'direct_message_started',
                                        'mention_clicked', 'message_pinned', 'message_forwarded', 'draft_saved', 'scheduled_message_created',
                                        'channel_viewed', 'channel_joined', 'channel_created', 'channel_archived', 'emoji_picker_opened') THEN 'Messaging'
           WHEN ${TABLE}.event_name = 'search_performed' THEN 'Search'
           WHEN ${TABLE}.event_name = 'file_uploaded' THEN 'Files'
           WHEN ${TABLE}.event_name IN ('integration_used', 'slash_command_used', 'webhook_configured', 'plugin_installed') THEN 'Integrations'
           WHEN ${TABLE}.event_name IN ('user_signed_up', 'user_invited', 'guest_invited') THEN 'Onboarding'
           ELSE 'Other'
         END ;;
  }

  dimension: platform {
    type: string
    group_label: "Platform"
    description: "The app: web, desktop, ios or android."
    sql: ${TABLE}.platform ;;
  }

  dimension: platform_family {
    type: string
    group_label: "Platform"
    description: "Web, Desktop or Mobile (iOS and Android together)."
    sql: CASE WHEN ${TABLE}.platform IN ('ios', 'android') THEN 'Mobile'
              WHEN ${TABLE}.platform = 'desktop' THEN 'Desktop' ELSE 'Web' END ;;
  }

  dimension: server_version {
    type: string
    group_label: "Server Version"
    description: "Version the user's server ran when the event happened."
    sql: ${TABLE}.server_version ;;
  }

  dimension: server_major_version {
    type: number
    group_label: "Server Version"
    sql: CASE WHEN ${TABLE}.server_version LIKE '10.%' THEN 10 WHEN ${TABLE}.server_version LIKE '9.%' THEN 9
              WHEN ${TABLE}.server_version LIKE '8.%' THEN 8 ELSE 7 END ;;
  }

  measure: count {
    type: count
    label: "Number of Events"
    drill_fields: [event_detail*]
  }

  measure: active_users {
    type: count_distinct
    label: "Active Users"
    description: "Distinct users with at least one event in each row's period: with Event Date it is daily active users, with Event Month monthly active users. Never add these up across days or platforms: people use several apps."
    sql: ${TABLE}.user_id ;;
    drill_fields: [users.user_id, users.primary_platform, users.platform_count, count]
  }

  measure: active_servers {
    type: count_distinct
    label: "Servers with Active Users"
    sql: ${TABLE}.server_id ;;
    drill_fields: [servers.server_id, servers.edition, active_users]
  }

  measure: messages_sent {
    type: count
    group_label: "Feature Usage"
    filters: [event_name: "message_sent"]
  }

  measure: signups {
    type: count
    label: "Signups"
    group_label: "Feature Usage"
    description: "Users signing up (the user_signed_up event)."
    filters: [event_name: "user_signed_up"]
  }

  measure: call_users {
    type: count_distinct
    label: "Users of Calls"
    group_label: "Feature Adoption"
    description: "Distinct users who started or joined a call (from server 9.0)."
    filters: [feature: "Calls"]
    sql: ${TABLE}.user_id ;;
  }

  measure: playbook_users {
    type: count_distinct
    label: "Users of Playbooks"
    group_label: "Feature Adoption"
    filters: [feature: "Playbooks"]
    sql: ${TABLE}.user_id ;;
  }

  measure: ai_users {
    type: count_distinct
    label: "Users of AI Features"
    group_label: "Feature Adoption"
    description: "Distinct users who asked for an AI summary or reply (from server 10.0)."
    filters: [feature: "AI"]
    sql: ${TABLE}.user_id ;;
  }

  measure: call_adoption {
    type: number
    label: "Calls Adoption"
    group_label: "Feature Adoption"
    description: "Users of Calls as a share of active users."
    value_format_name: percent_1
    sql: 1.0 * ${call_users} / NULLIF(${active_users}, 0) ;;
  }

  measure: ai_adoption {
    type: number
    label: "AI Adoption"
    group_label: "Feature Adoption"
    value_format_name: percent_1
    sql: 1.0 * ${ai_users} / NULLIF(${active_users}, 0) ;;
  }

  measure: events_per_active_user {
    type: number
    value_format_name: decimal_1
    sql: 1.0 * ${count} / NULLIF(${active_users}, 0) ;;
  }

  set: event_detail {
    fields: [event_time, event_name, platform, user_id, server_version]
  }
}
