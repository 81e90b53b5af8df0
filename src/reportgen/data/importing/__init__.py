"""Reading the tables units already hold (绩效目标表, 自评表) into the data format."""
