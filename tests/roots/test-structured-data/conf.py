project = "</script><script>window.__pwned=1</script> & <!-- Co"
extensions = ["sphinx_msp_glossary"]
msp_glossary_files = ["hostile.toml"]
