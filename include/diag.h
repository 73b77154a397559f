#ifndef PROLO_DIAG_H
#define PROLO_DIAG_H

#include <stdio.h>

/*
 * Every message prolo prints about a file comes from the one table in
 * diag.c, indexed by this enum.  A struct diag holds one formatted
 * message with its place; modules fill it and return an error, and only
 * main() prints it and chooses the exit status from its class.
 */
enum diag_code {
	D_NONE,
	/* Reading and parsing (class DIAG_DATA). */
	D_READ,
	D_TOO_LARGE,
	D_NUL,
	D_SYNTAX,
	D_TAB_INDENT,
	D_ALIAS,
	D_ANCHOR,
	D_TAG,
	D_DEPTH,
	D_NODES,
	D_MULTIDOC,
	D_NOT_DOC,
	/* Shape and values. */
	D_KEY_NOT_TEXT,
	D_UNKNOWN_KEY,
	D_DUP_KEY,
	D_MISSING,
	D_NOT_MAP,
	D_NOT_KIND,
	D_NOT_LIST,
	D_NOT_TEXT,
	D_EMPTY,
	D_CONTROL,
	D_FORMAT,
	D_FORMAT_NAMED,
	D_TOO_LONG,
	D_NOT_INT,
	D_INT_RANGE,
	D_NOT_NUMBER,
	D_NUMBER_RANGE,
	D_NOT_DATE,
	D_DATE_YEAR,
	D_DATE_MONTH,
	D_DATE_DAY,
	D_DUP_ITEM,
	D_LIST_LONG,
	D_ORDER,
	/* Patient rules. */
	D_WEEKDAY,
	D_NO_WEEKDAYS,
	D_RANGE_ORDER,
	D_HISTORY_ORDER,
	D_BOOKED_ORDER,
	D_BOOKED_AFTER,
	D_BOOKED_ENDED,
	D_BOOKED_PAST,
	D_BOOKED_LONG,
	D_ENDED_BEFORE,
	D_HISTORY_LONG,
	D_HISTORY_FUTURE,
	D_SCORE_RANGE,
	D_SCORE_SCALE,
	D_SCORE_MISSED,
	D_MED_ONE,
	D_BIRTH_AFTER,
	D_VISITS_RANGE,
	D_INJ_RANGE,
	D_INTERVAL_RANGE,
	/* Protocols and data files. */
	D_PROTO_REF,
	D_PROTO_UNKNOWN,
	D_PROTO_READ,
	D_PROTO_ID,
	D_ID_FORMAT,
	D_CARE_SECTION,
	D_PLACEHOLDER,
	D_NAME_COUNT,
	D_NOT_TIME,
	D_HOURS_ORDER,
	D_SLOT_ORDER,
	D_CLOSURE_SHAPE,
	D_CLOSURE_ORDER,
	D_NOT_MONEY,
	D_MONEY_RANGE,
	D_TIME_NOT_SLOT,
	D_PERIOD,
	D_TIME_BOTH,
	D_LANG,
	D_LANG_FILE,
	D_NOT_BOOL,
	D_HOLD_SHAPE,
	D_SOLUTE_UNKNOWN,
	D_SOLUTE_UNLISTED,
	D_SOLUTE_TWICE,
	D_SOLUTE_UNSAID,
	D_SOLUTE_UNSAID_IN,
	D_SOLUTE_UNLISTED_IN,
	D_SITES_LANGS,
	D_SOLUTE_TOTAL,
	D_SOLUTE_VOLUME,
	D_VOLUME_ORDER,
	D_PATIENT_VOLUME,
	D_PATIENT_NO_VOLUME,
	D_UNKNOWN_CLASS,
	D_HOLD_NEVER,
	D_ENUM,
	D_RULE_EMPTY,
	D_LANG_KEY,
	D_UNKNOWN_RULE,
	/* The clinic's stock, and preparations (prep). */
	D_STOCK_BOTH,
	D_STOCK_NEITHER,
	D_STOCK_UNKNOWN,
	D_PREP_NO_STOCK,
	D_PREP_NO_SOLUTION,
	D_PREP_NONE,
	D_PREP_WEAK,
	D_PREP_CROWDED,
	D_PREP_NO_DILUENT,
	D_PREP_ROUNDING,
	/* A clinic's book in CSV. */
	D_CSV_COLUMNS,
	D_CSV_QUOTE,
	D_CSV_AFTER_QUOTE,
	D_CSV_BARE_QUOTE,
	D_CSV_SHORT,
	D_NOTE_PROTOCOL,
	D_NOTE_STOCK,
	D_NOTE_BREAK,
	/* The clinic's book (class DIAG_DATA). */
	D_BOOK_UTF8,
	D_BOOK_NOT_ICS,
	D_BOOK_LINE,
	D_BOOK_OUTSIDE,
	D_BOOK_NEST,
	D_BOOK_END,
	D_BOOK_STRAY,
	D_BOOK_UNCLOSED,
	D_BOOK_VALUE,
	D_BOOK_PARAM,
	D_BOOK_EMPTY,
	D_BOOK_DATE,
	D_BOOK_YEAR,
	D_BOOK_NEGATIVE,
	D_BOOK_TWICE,
	D_BOOK_MISSING,
	D_BOOK_END_BOTH,
	D_BOOK_END_KIND,
	D_BOOK_END_BEFORE,
	D_BOOK_DAYS,
	D_BOOK_NO_UID,
	D_BOOK_RANGE,
	D_BOOK_TZ_NONE,
	D_BOOK_TZ_CLINIC,
	D_BOOK_TZID,
	D_BOOK_TZ_BAD,
	D_BOOK_TZ_TWICE,
	D_BOOK_RULE,
	D_BOOK_TOO_MANY,
	/* A list of file names (--files-from, --files0-from). */
	D_NAMES_EMPTY,
	D_NAMES_NUL,
	D_NAMES_LONG,
	D_NAMES_STDIN,
	D_NAMES_STDIN2,
	/* No plan satisfies the rules (class DIAG_NOPLAN). */
	D_NOPLAN_WINDOW,
	D_NOPLAN_NO_DAY,
	D_NOPLAN_CHAIN,
	D_NOPLAN_LONG,
	D_NOPLAN_LONG_HISTORY,
	D_NOPLAN_CLOSURE,
	D_NOPLAN_BOOKED,
	D_NOPLAN_BOOKED_LATE,
	D_NOPLAN_BOOKED_SPAN,
	D_NOPLAN_BOOK_FULL,
	D_NOPLAN_RULE,
	D_NOPLAN_DOSE,
	/* Warnings (class DIAG_WARNING). */
	D_WARN_LAPSE,
	D_WARN_LAPSE_CONTINUE,
	D_WARN_ENDED,
	D_WARN_ENDS,
	D_WARN_NO_GAIN,
	D_WARN_GOAL,
	D_WARN_BOOKED_OFF,
	D_WARN_BOOKED_AWAY,
	D_WARN_BOOKED_WEEKDAY,
	D_WARN_BOOKED_SHUT,
	D_WARN_SHORT_PAUSE,
	D_WARN_FIXED_GAP,
	D_WARN_ALLERGY,
	D_WARN_ANTICOAG,
	D_WARN_KEEP,
	D_WARN_KEEP_THINNER,
	D_WARN_DOSE,
	D_WARN_LEAD,
	D_WARN_LATE,
	D_WARN_START,
	D_WARN_CONDITION,
	D_WARN_ALLERGEN,
	D_WARN_RULE,
	D_WARN_OVERRIDE,
	D_WARN_DOSE_NEAR,
	D_WARN_DOSE_OVER,
	D_WARN_WEIGH,
	D_WARN_DOSE_UNCHECKED,
	D_WARN_PROTO_LANG,
	D_WARN_BOOK_UNTIMED,
	D__COUNT
};

enum diag_class {
	DIAG_DATA,		/* invalid data: exit 65 */
	DIAG_NOPLAN,		/* valid, but no plan exists: exit 1 */
	DIAG_WARNING,		/* printed, does not change the status */
	DIAG_NOTE		/* follows another message */
};

#define DIAG_MSG_MAX	2048	/* room for a citation of 1000 bytes */
#define DIAG_QUOTE_MAX	40	/* characters of a value a message may quote */

struct diag {
	enum diag_code	 code;
	char		*file;		/* owned; NULL before diag_set() */
	int		 line;		/* 1-based; 0 for the file as a whole */
	int		 col;
	char		 msg[DIAG_MSG_MAX];
	struct diag	*note;		/* owned: a note on it, which may have
					   its own note after it */
};

int		 diag_set(struct diag *, const char *, int, int,
		    enum diag_code, ...);
void		 diag_add_note(struct diag *, const char *, int, int,
		    enum diag_code, ...);
void		 diag_copy(struct diag *, const struct diag *);
void		 diag_release(struct diag *);
size_t		 diag_format(char *, const struct diag *);
void		 diag_print(FILE *, const struct diag *);
enum diag_class	 diag_class(enum diag_code);
const char	*diag_quote(char *, size_t, const char *, size_t);
const char	*diag_name(char *, size_t, const char *);
#define DIAG_NAME_MAX	4200	/* a buffer for diag_name(): PATH_MAX, escaped */
#define DIAG_LINE_MAX	(DIAG_NAME_MAX + DIAG_MSG_MAX + 64)	/* diag_format() */

#endif
