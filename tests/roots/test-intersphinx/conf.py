# intersphinx_mapping is set by the test: it points at a fresh build of test-basic.
extensions = ["sphinx.ext.intersphinx", "sphinx_msp_glossary"]
