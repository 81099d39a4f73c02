"""`flask local refresh`: read Brønnøysund's open registers and write the register snapshot into the content."""
