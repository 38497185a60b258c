# A project whose dashboard has one tile that fails at run time (its table does not exist), to
# check that a report with a failing tile is never printed.
connection: "demo"

include: "/*.view.lkml"
include: "/*.dashboard.lookml"

explore: regions {}
explore: missing {}
