"""Self-assessment against Socialstyrelsen's yearly survey of patient-safety work: the question
catalogue per survey year (data files), answers per organisation and year, the development
indicators met or not beside the national level, and gaps turned into activities."""
