view: places {
  sql_table_name: places ;;

  dimension: id {
    primary_key: yes
    type: number
    sql: ${TABLE}.id ;;
  }
  dimension: name {
    sql: ${TABLE}.name ;;
  }
  dimension: spot {
    type: location
    sql_latitude: ${TABLE}.lat ;;
    sql_longitude: ${TABLE}.lon ;;
  }
  dimension: home {
    type: location
    sql_latitude: ${TABLE}.home_lat ;;
    sql_longitude: ${TABLE}.home_lon ;;
  }
  dimension: commute_km {
    type: distance
    start_location_field: home
    end_location_field: spot
    units: kilometers
  }
  dimension: commute_miles {
    type: distance
    start_location_field: places.home
    end_location_field: places.spot
    units: miles
  }
  measure: count {
    type: count
  }
}
