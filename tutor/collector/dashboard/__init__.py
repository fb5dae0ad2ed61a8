"""The programme dashboard: staff login, reports in SQL, pages, charts and CSV export."""
