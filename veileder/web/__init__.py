"""The web layer: Flask glue, thin views, forms built from questions, languages and errors."""
