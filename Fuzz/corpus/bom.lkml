view: bom { hidden: yes }
