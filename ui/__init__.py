"""UI pieces the pages share (the session database, the frame's filters, the mail upload section). Not pages."""
