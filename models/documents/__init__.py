"""The review and award documents: DOCX in Decree 30/2020/NĐ-CP's layout, PDF, and XLSX.

Everything here renders plain data classes and opens no database: the caller gathers the
figures and records (models.report) and the review's own text, then calls
`report.build_report` / `write_report`, `award.build_award_decision` / `write_award_decision`,
`workbook.write_review_workbook`, and `pdf.convert_to_pdf` for a PDF of any of the DOCX.
The wording of figures, dates and numbers is in `wording`; the figures' sentences in `figures`.
"""
