"""Reading documents as analysts bring them: files, pasted text, web pages, PDFs and feeds, with their
publication date, place and source; and the calendar arithmetic that dates events against them."""
