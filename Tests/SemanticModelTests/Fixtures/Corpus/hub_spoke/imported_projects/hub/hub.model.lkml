# The hub's own model: not a model of the projects that import the hub.
connection: "hub_warehouse"
include: "/explores/*.explore.lkml"
