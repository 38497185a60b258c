// DemoWarehouse
