"""Warning codes attached to :class:`vankien.loaders.source.Warn` by the readers.

Each code names one kind of problem; the message beside it says what happened in words.
"""
from __future__ import annotations

NOT_FOUND = "not_found"                # the path does not exist
UNREADABLE = "unreadable"              # the file or folder exists but cannot be opened (permissions, I/O)
TOO_LARGE = "too_large"                # over the size limit: not read
EMPTY = "empty"                        # no bytes, only whitespace, or no text in the document / folder
BINARY = "binary"                      # not text nor a supported document (image, archive, executable, ...)
ENCODING_GUESS = "encoding_guess"      # the text encoding was guessed with low confidence
DECODE_ERRORS = "decode_errors"        # some bytes could not be decoded and were replaced by U+FFFD
ENCODING_UNKNOWN = "encoding_unknown"  # nothing decodes the bytes sensibly: text is None
NOT_VIETNAMESE = "not_vietnamese"      # enough words, few of them Vietnamese: text kept
HTML_FALLBACK = "html_fallback"        # main-text extraction found nothing; a cruder extraction was used
UNREADABLE_DOCX = "unreadable_docx"    # damaged or not really a Word document
UNREADABLE_PDF = "unreadable_pdf"      # damaged or encrypted PDF
NO_TEXT_LAYER = "no_text_layer"        # PDF (or some of its pages) without text: scanned images
BAD_RECORD = "bad_record"              # JSON Lines: a line that is not JSON (or nested too deep) or has no "text"
TOO_DEEP = "too_deep"                  # HTML nested deeper than its parser goes: read by removing the tags
UNSAFE_ARCHIVE = "unsafe_archive"      # a DOCX that would unpack to too much (a zip bomb?): not read
READ_FAILED = "read_failed"            # the reader failed on this input (out of memory, a bug): the run goes on

ALL = (NOT_FOUND, UNREADABLE, TOO_LARGE, EMPTY, BINARY, ENCODING_GUESS, DECODE_ERRORS,
       ENCODING_UNKNOWN, NOT_VIETNAMESE, HTML_FALLBACK, UNREADABLE_DOCX, UNREADABLE_PDF,
       NO_TEXT_LAYER, BAD_RECORD, TOO_DEEP, UNSAFE_ARCHIVE, READ_FAILED)
