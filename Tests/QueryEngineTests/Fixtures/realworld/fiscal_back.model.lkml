# fiscal_month_offset below zero: fiscal year 2018 starts in October 2017.
connection: "shop"
include: "users.view.lkml"
fiscal_month_offset: -3

explore: users {}
