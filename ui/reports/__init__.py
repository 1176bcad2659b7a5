"""View -> Reports and the workbook exports."""
