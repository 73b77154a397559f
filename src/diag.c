#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "utf8.h"
#include "xalloc.h"

struct diag_entry {
	enum diag_class	 class;
	const char	*fmt;
};

/*
 * The messages.  Lowercase, no final full stop; a quoted value comes
 * from diag_quote() so no message shows more of a file than allowed.
 */
static const struct diag_entry diag_table[D__COUNT] = {
	[D_NONE] =		{ DIAG_DATA, "no error" },
	[D_READ] =		{ DIAG_DATA, "cannot read file: %s" },
	[D_TOO_LARGE] =		{ DIAG_DATA, "file is larger than %d bytes" },
	[D_NUL] =		{ DIAG_DATA, "file contains a NUL byte" },
	[D_SYNTAX] =		{ DIAG_DATA, "%s" },
	[D_TAB_INDENT] =	{ DIAG_DATA, "a tab is used for indentation; YAML indents with spaces only" },
	[D_ALIAS] =		{ DIAG_DATA, "aliases (*name) are not allowed" },
	[D_ANCHOR] =		{ DIAG_DATA, "anchors (&name) are not allowed" },
	[D_TAG] =		{ DIAG_DATA, "tags (!name) are not allowed" },
	[D_DEPTH] =		{ DIAG_DATA, "nesting is deeper than %d levels" },
	[D_NODES] =		{ DIAG_DATA, "more than %d values in one file" },
	[D_LIST_LONG] =		{ DIAG_DATA, "'%s' lists more than %d items" },
	[D_MULTIDOC] =		{ DIAG_DATA, "a file holds one document; found a second" },
	[D_NOT_DOC] =		{ DIAG_DATA, "expected a mapping of keys and values%s" },
	[D_KEY_NOT_TEXT] =	{ DIAG_DATA, "a key must be plain text" },
	[D_UNKNOWN_KEY] =	{ DIAG_DATA, "unknown key %s%s" },
	[D_DUP_KEY] =		{ DIAG_DATA, "duplicate key '%s' (first given on line %d)" },
	[D_MISSING] =		{ DIAG_DATA, "missing required key '%s'" },
	[D_NOT_KIND] =		{ DIAG_DATA, "not a %s: it has none of the keys one has" },
	[D_NOT_MAP] =		{ DIAG_DATA, "'%s' must be a mapping of keys and values" },
	[D_NOT_LIST] =		{ DIAG_DATA, "'%s' must be a list" },
	[D_NOT_TEXT] =		{ DIAG_DATA, "'%s' must be a single value, not a list or mapping" },
	[D_EMPTY] =		{ DIAG_DATA, "'%s' must not be empty" },
	[D_CONTROL] =		{ DIAG_DATA, "'%s' must not contain control characters" },
	[D_FORMAT] =		{ DIAG_DATA, "'%s' must not contain the invisible character U+%04X" },
	[D_FORMAT_NAMED] =	{ DIAG_DATA, "'%s' must not contain the invisible character U+%04X (%s)" },
	[D_TOO_LONG] =		{ DIAG_DATA, "'%s' is longer than %d bytes" },
	[D_NOT_INT] =		{ DIAG_DATA, "'%s' must be a whole number written in base 10, not %s" },
	[D_INT_RANGE] =		{ DIAG_DATA, "%s must be between %d and %d (got %s)" },
	[D_NOT_NUMBER] =	{ DIAG_DATA, "'%s' must be a number written like 12 or 12.5 (at most 3 decimals, no unit), not %s" },
	[D_NUMBER_RANGE] =	{ DIAG_DATA, "%s must be between %s and %s (got %s)" },
	[D_NOT_DATE] =		{ DIAG_DATA, "'%s' must be a date written YYYY-MM-DD, not %s" },
	[D_DATE_YEAR] =		{ DIAG_DATA, "'%s': the year of %s must be between %d and %d" },
	[D_DATE_MONTH] =	{ DIAG_DATA, "'%s': %s has no month %d" },
	[D_DATE_DAY] =		{ DIAG_DATA, "'%s': %s does not exist (that month has %d days)" },
	[D_DUP_ITEM] =		{ DIAG_DATA, "'%s' lists %s twice" },
	[D_ORDER] =		{ DIAG_DATA, "'%s': %s %d must not be more than %s %d" },
	[D_WEEKDAY] =		{ DIAG_DATA, "unknown weekday %s (use mon, tue, wed, thu, fri, sat or sun)" },
	[D_NO_WEEKDAYS] =	{ DIAG_DATA, "'%s' must name at least one day" },
	[D_RANGE_ORDER] =	{ DIAG_DATA, "'unavailable': from %s is after to %s" },
	[D_HISTORY_ORDER] =	{ DIAG_DATA, "'history' must list dates oldest first, each once: %s does not come after %s" },
	[D_BOOKED_ORDER] =	{ DIAG_DATA, "'booked' must list dates oldest first, each once: %s does not come after %s" },
	[D_BOOKED_AFTER] =	{ DIAG_DATA, "'booked' date %s is not after the last visit in 'history' (%s)" },
	[D_BOOKED_ENDED] =	{ DIAG_DATA, "'booked' date %s is after the course ended (%s)" },
	[D_BOOKED_PAST] =	{ DIAG_DATA, "'booked' date %s is before today %s: a visit given belongs in 'history'" },
	[D_BOOKED_LONG] =	{ DIAG_DATA, "'booked' lists %d visits, which with the %d given make more than the course has (visits: %d)" },
	[D_ENDED_BEFORE] =	{ DIAG_DATA, "'ended' date %s is before the last visit given, %s" },
	[D_HISTORY_FUTURE] =	{ DIAG_DATA, "'history' date %s is after today %s: a visit given cannot be in the future" },
	[D_SCORE_RANGE] =	{ DIAG_DATA, "'value' %s of %s must lie between its best %s and its worst %s" },
	[D_SCORE_SCALE] =	{ DIAG_DATA, "'worst' and 'best' of %s are both %s: a scale's two ends must differ" },
	[D_SCORE_MISSED] =	{ DIAG_DATA, "'%s' is given on a missed visit (missed: true): scores are recorded at visits given" },
	[D_MED_ONE] =		{ DIAG_DATA, "'medications' item %s names more than one medicine%s: write one medicine per item" },
	[D_HISTORY_LONG] =	{ DIAG_DATA, "'history' lists %d visits but the course has only %d (visits)" },
	[D_BIRTH_AFTER] =	{ DIAG_DATA, "'birth_date' %s is after start %s" },
	[D_VISITS_RANGE] =	{ DIAG_DATA, "visits must be between %d and %d for protocol %s (got %d)" },
	[D_INJ_RANGE] =		{ DIAG_DATA, "injections must be between %d and %d for protocol %s: %d visits x %d injections per visit make %d" },
	[D_INTERVAL_RANGE] =	{ DIAG_DATA, "interval_days must be between %d and %d for protocol %s (got %d)" },
	[D_PROTO_REF] =		{ DIAG_DATA, "'protocol' must be a library id (a-z, 0-9, '-') or a path to a .yaml file, not %s" },
	[D_PROTO_UNKNOWN] =	{ DIAG_DATA, "unknown protocol %s%s" },
	[D_PROTO_READ] =	{ DIAG_DATA, "cannot read protocol file %s: %s" },
	[D_PROTO_ID] =		{ DIAG_DATA, "'id' %s does not match the file name %s" },
	[D_ID_FORMAT] =		{ DIAG_DATA, "'%s' must use only a-z, 0-9 and '-', not %s" },
	[D_CARE_SECTION] =	{ DIAG_DATA, "unknown care section %s%s" },
	[D_PLACEHOLDER] =	{ DIAG_DATA, "'%s': unknown placeholder %s" },
	[D_NAME_COUNT] =	{ DIAG_DATA, "'%s' must list %d names, %s first (found %d)" },
	[D_NOT_TIME] =		{ DIAG_DATA, "'%s' must be a time written HH:MM (24-hour clock), not %s" },
	[D_HOURS_ORDER] =	{ DIAG_DATA, "'hours': %s must open before it closes" },
	[D_SLOT_ORDER] =	{ DIAG_DATA, "'slots' must list times in order, each once: %s is out of place" },
	[D_CLOSURE_SHAPE] =	{ DIAG_DATA, "a closure is a date, {date, name} or {from, to, name}" },
	[D_CLOSURE_ORDER] =	{ DIAG_DATA, "'closures': from is after to" },
	[D_NOT_MONEY] =		{ DIAG_DATA, "'per_visit' must be an amount such as 150 or 150.00, not %s" },
	[D_MONEY_RANGE] =	{ DIAG_DATA, "'per_visit' %s is more than %ld" },
	[D_TIME_NOT_SLOT] =	{ DIAG_DATA, "'time' %s is not one of the clinic's appointment times (%s)" },
	[D_PERIOD] =		{ DIAG_DATA, "unknown time of day %s (use morning or afternoon)" },
	[D_TIME_BOTH] =		{ DIAG_DATA, "give 'time' or 'times', not both" },
	[D_LANG] =		{ DIAG_DATA, "'%s' must be a two-letter language code such as en or es, not %s" },
	[D_LANG_FILE] =		{ DIAG_DATA, "no handout text for language '%s' (care.%s.yaml in the data folder)" },
	[D_NOT_BOOL] =		{ DIAG_DATA, "'%s' must be true or false" },
	[D_SOLUTE_UNKNOWN] =	{ DIAG_DATA, "'ingredients': %s is not an ingredient prolo knows (data/terms.yaml lists them with their other names)" },
	[D_SOLUTE_TWICE] =	{ DIAG_DATA, "'ingredients': %s and %s are the same ingredient" },
	[D_SOLUTE_UNLISTED] =	{ DIAG_DATA, "'solution' names %s, which 'ingredients' does not list: its dose could not be checked" },
	[D_SOLUTE_UNSAID] =	{ DIAG_DATA, "'ingredients' lists %s, which 'solution' does not name: the patient must be told what is injected" },
	[D_SOLUTE_UNSAID_IN] =	{ DIAG_DATA, "'ingredients' lists %s, which the '%s' 'solution' does not name: the patient must be told what is injected" },
	[D_SOLUTE_UNLISTED_IN] = { DIAG_DATA, "the '%s' 'solution' names %s, which 'ingredients' does not list: its dose could not be checked" },
	[D_SITES_LANGS] =	{ DIAG_DATA, "'sites' lists %d site%s in '%s' but %d in '%s': each language must name the same sites, since each site is injected" },
	[D_SOLUTE_TOTAL] =	{ DIAG_DATA, "'ingredients': the percents add up to %s%%, more than 100%%" },
	[D_SOLUTE_VOLUME] =	{ DIAG_DATA, "'ingredients' and 'volume_ml' go together: give both, or neither" },
	[D_VOLUME_ORDER] =	{ DIAG_DATA, "'volume_ml': usual %s is more than max %s" },
	[D_PATIENT_VOLUME] =	{ DIAG_DATA, "'volume_ml' must be at most %s mL a site, the maximum of protocol '%s' (got %s)" },
	[D_PATIENT_NO_VOLUME] =	{ DIAG_DATA, "'volume_ml': protocol '%s' gives no 'volume_ml' range, so no volume can be checked against it" },
	[D_HOLD_SHAPE] =	{ DIAG_DATA, "a medication hold names 'drugs' or a drug 'class', one of the two" },
	[D_UNKNOWN_CLASS] =	{ DIAG_DATA, "unknown drug class %s%s" },
	[D_HOLD_NEVER] =	{ DIAG_DATA, "'medication_holds': class '%s' is never paused on a schedule (pause: never in drugs.yaml)%s" },
	[D_ENUM] =		{ DIAG_DATA, "'%s' must be %s, not %s" },
	[D_RULE_EMPTY] =	{ DIAG_DATA, "'if' must name medications, a class, allergies or conditions" },
	[D_LANG_KEY] =		{ DIAG_DATA, "'%s' keys must be two-letter language codes such as en or es" },
	[D_UNKNOWN_RULE] =	{ DIAG_DATA, "'overrides': no rule %s applies to this course%s" },
	[D_STOCK_BOTH] =	{ DIAG_DATA, "'stock': %s is both an ingredient and a diluent: give ingredient and percent, or diluent: true" },
	[D_STOCK_NEITHER] =	{ DIAG_DATA, "'stock': %s needs an ingredient and its percent, or diluent: true" },
	[D_STOCK_UNKNOWN] =	{ DIAG_DATA, "'stock': %s is not an ingredient prolo knows (data/terms.yaml lists them with their other names)" },
	[D_PREP_NO_STOCK] =	{ DIAG_DATA, "no 'stock' to prepare from: list the clinic's stock solutions and a diluent, such as {name: \"lidocaine 1%%\", ingredient: lidocaine, percent: 1} and {name: \"sterile water\", diluent: true}" },
	[D_PREP_NO_SOLUTION] =	{ DIAG_DATA, "protocol '%s' gives no 'ingredients' and 'volume_ml', so its preparation cannot be worked out" },
	[D_PREP_NONE] =		{ DIAG_DATA, "the clinic's stock cannot make %s: it has no %s" },
	[D_PREP_WEAK] =		{ DIAG_DATA, "the clinic's stock cannot make %s: its strongest %s is %s (%s%%)" },
	[D_PREP_CROWDED] =	{ DIAG_DATA, "the clinic's stock cannot make %s: even its strongest stocks take %s mL of every %s mL" },
	[D_PREP_NO_DILUENT] =	{ DIAG_DATA, "the clinic's stock cannot make %s: it has no diluent, such as {name: \"sterile water\", diluent: true}" },
	[D_PREP_ROUNDING] =	{ DIAG_DATA, "the clinic's stock cannot make %s within 2%% in steps of 0.1 mL, in %s mL or up to %s mL more%s" },
	[D_CSV_COLUMNS] =	{ DIAG_DATA, "the book's header row has no '%s' column: a book in CSV needs 'date' and 'time' columns, named as prolo plan -f csv names them" },
	[D_CSV_QUOTE] =		{ DIAG_DATA, "this quoted field has no closing quote" },
	[D_CSV_AFTER_QUOTE] =	{ DIAG_DATA, "a quoted field must end at its closing quote: write \"\" for a quote inside it" },
	[D_CSV_BARE_QUOTE] =	{ DIAG_DATA, "a quote inside a field that does not begin with one: put the whole field in quotes and write the quote \"\"" },
	[D_CSV_SHORT] =		{ DIAG_DATA, "this row has %d fields, and the header's date and time columns need %d" },
	[D_NOTE_PROTOCOL] =	{ DIAG_NOTE, "protocol named here" },
	[D_NOTE_STOCK] =	{ DIAG_NOTE, "the clinic's stock is listed here" },
	[D_NOTE_BREAK] =	{ DIAG_NOTE, "YAML reads this U+%04X (%s) as a line break, where editors see none: what follows it is read as a new line" },
	[D_BOOK_UTF8] =		{ DIAG_DATA, "not valid UTF-8: a calendar file must be written in UTF-8" },
	[D_BOOK_NOT_ICS] =	{ DIAG_DATA, "not an iCalendar file: expected BEGIN:VCALENDAR%s" },
	[D_BOOK_LINE] =		{ DIAG_DATA, "not an iCalendar line (NAME:value or NAME;PARAMETER=value:value): %s" },
	[D_BOOK_OUTSIDE] =	{ DIAG_DATA, "%s is outside BEGIN:VCALENDAR ... END:VCALENDAR" },
	[D_BOOK_NEST] =		{ DIAG_DATA, "'BEGIN:%s' is not allowed inside %s" },
	[D_BOOK_END] =		{ DIAG_DATA, "'END:%s' does not close 'BEGIN:%s' of line %d" },
	[D_BOOK_STRAY] =	{ DIAG_DATA, "'END:%s' has no 'BEGIN:%s' before it" },
	[D_BOOK_UNCLOSED] =	{ DIAG_DATA, "'BEGIN:%s' has no 'END:%s'" },
	[D_BOOK_VALUE] =	{ DIAG_DATA, "'%s' must be %s, not %s" },
	[D_BOOK_PARAM] =	{ DIAG_DATA, "'%s' has a parameter that cannot be read: %s" },
	[D_BOOK_EMPTY] =	{ DIAG_DATA, "'%s' has no value" },
	[D_BOOK_DATE] =		{ DIAG_DATA, "'%s': %s is not a date and time that exists" },
	[D_BOOK_YEAR] =		{ DIAG_DATA, "'%s': the year of %s must be between %d and %d" },
	[D_BOOK_NEGATIVE] =	{ DIAG_DATA, "'%s' must not be negative or end before it starts: %s" },
	[D_BOOK_TWICE] =	{ DIAG_DATA, "'%s' is given twice in one %s (first on line %d)" },
	[D_BOOK_MISSING] =	{ DIAG_DATA, "this %s has no '%s'" },
	[D_BOOK_END_BOTH] =	{ DIAG_DATA, "give 'DTEND' or 'DURATION', not both (the other is on line %d)" },
	[D_BOOK_END_KIND] =	{ DIAG_DATA, "'DTEND' must be %s, as 'DTSTART' on line %d is" },
	[D_BOOK_END_BEFORE] =	{ DIAG_DATA, "'DTEND' %s is before 'DTSTART' on line %d" },
	[D_BOOK_DAYS] =		{ DIAG_DATA, "'DURATION' of an all-day event must be whole days or weeks (such as P1D), not %s" },
	[D_BOOK_NO_UID] =	{ DIAG_DATA, "an event with 'RECURRENCE-ID' needs a 'UID': it changes one occurrence of the event with that UID" },
	[D_BOOK_RANGE] =	{ DIAG_DATA, "'RECURRENCE-ID' with RANGE=THISANDFUTURE is not read: export the calendar with each changed occurrence on its own" },
	[D_BOOK_TZ_NONE] =	{ DIAG_DATA, "'%s' is a time in %s: set 'timezone' in the clinic file (such as timezone: America/New_York) so it can be converted to the clinic's time" },
	[D_BOOK_TZ_CLINIC] =	{ DIAG_DATA, "unknown time zone %s: use a name of the IANA time zone database, such as America/New_York" },
	[D_BOOK_TZID] =		{ DIAG_DATA, "unknown time zone %s: the file has no VTIMEZONE with that TZID and the system knows no zone of that name" },
	[D_BOOK_TZ_BAD] =	{ DIAG_DATA, "the VTIMEZONE %s cannot be read: it needs STANDARD or DAYLIGHT parts with DTSTART, TZOFFSETFROM and TZOFFSETTO" },
	[D_BOOK_TZ_TWICE] =	{ DIAG_DATA, "the VTIMEZONE %s is given twice" },
	[D_BOOK_RULE] =		{ DIAG_DATA, "'RRULE' %s cannot be expanded from its event's DTSTART" },
	[D_BOOK_TOO_MANY] =	{ DIAG_DATA, "repeating events give more than %d appointments in one book" },
	[D_NAMES_EMPTY] =	{ DIAG_DATA, "empty file name in the list" },
	[D_NAMES_NUL] =		{ DIAG_DATA, "a NUL byte in a list of lines: a list of NUL-terminated names (find -print0) is read with --files0-from" },
	[D_NAMES_LONG] =	{ DIAG_DATA, "file name longer than %d bytes" },
	[D_NAMES_STDIN] =	{ DIAG_DATA, "'-' cannot name standard input here: the list itself is read from it" },
	[D_NAMES_STDIN2] =	{ DIAG_DATA, "standard input (-) can be read only once" },
	[D_NOPLAN_WINDOW] =	{ DIAG_NOPLAN, "no plan: the next visit must be %d to %d days after the last visit on %s, from %s to %s, and none of those days can take it: %s" },
	[D_NOPLAN_NO_DAY] =	{ DIAG_NOPLAN, "no plan: no day in the %d days from %s can take a visit: %s" },
	[D_NOPLAN_CHAIN] =	{ DIAG_NOPLAN, "no plan: %d visit%s %d to %d days apart, the first from %s to %s, cannot all fall on days that can take a visit: %s" },
	[D_NOPLAN_LONG] =	{ DIAG_NOPLAN, "no plan: %d visit%s %d to %d days apart on days the patient can come cannot fit in the protocol's course of at most %d days (max_course_days)" },
	[D_NOPLAN_LONG_HISTORY] = { DIAG_NOPLAN, "no plan: the course began on %s and must end within %d days (max_course_days), by %s; %d more visit%s %d to %d days apart cannot fit" },
	[D_NOPLAN_CLOSURE] =	{ DIAG_NOPLAN, "no plan: visit %d cannot fit: the clinic is closed%s%s from %s to %s, and visits must be %d to %d days apart" },
	[D_NOPLAN_BOOKED] =	{ DIAG_NOPLAN, "no plan: the booked visit on %s leaves no way to fit the rest of the course (visits must be %d to %d days apart); move or cancel it" },
	[D_NOPLAN_BOOKED_SPAN] = { DIAG_NOPLAN, "no plan: the booked visit on %s is more than %d days (max_course_days) after the booked visit on %s; move or cancel one of them" },
	[D_NOPLAN_BOOKED_LATE] = { DIAG_NOPLAN, "no plan: the booked visit on %s is after %s, the last day of the course (it began on %s; max_course_days %d); move or cancel it" },
	[D_NOPLAN_BOOK_FULL] =	{ DIAG_NOPLAN, "no plan: the clinic's book has no room for this patient on %zu day%s from %s to %s (capacity %d a slot), and the course needs some of them; add capacity or slots, or widen the patient's weekdays or times" },
	[D_NOPLAN_RULE] =	{ DIAG_NOPLAN, "no plan: rule '%s' stops the course (%s): %s (to go ahead, the patient file needs overrides: [{rule: %s, reason: ..., approved_by: ...}])" },
	[D_WARN_LAPSE] =	{ DIAG_WARNING, "lapse: the next visit on %s is %d days after the last visit on %s, more than the protocol's longest interval of %d days; the course restarts there: its intervals and max_course_days count from it (after_lapse: restart)" },
	[D_WARN_LAPSE_CONTINUE] = { DIAG_WARNING, "lapse: the next visit on %s is %d days after the last visit on %s, more than the protocol's longest interval of %d days; the course continues, counted from its first visit (after_lapse: continue)" },
	[D_WARN_ENDED] =	{ DIAG_WARNING, "the course ended early on %s: %s" },
	[D_WARN_ENDS] =		{ DIAG_WARNING, "the course ends early on %s: %s; no visit is planned after it" },
	[D_WARN_NO_GAIN] =	{ DIAG_WARNING, "no meaningful improvement: reconsider the course: pain %s at review visit %d (%s), from %s at visit %d (%s); a meaningful improvement is a fall of at least 30%% and at least 2 points on the 0 to 10 scale (Farrar JT et al., Pain 2001;94(2):149-158)" },
	[D_WARN_GOAL] =		{ DIAG_WARNING, "goal reached: the course may end early: pain %s at visit %d (%s) and %s at visit %d (%s), 2 or less at two visits in a row" },
	[D_WARN_BOOKED_OFF] =	{ DIAG_WARNING, "booked visit %d on %s is kept although the clinic is closed that day%s" },
	[D_WARN_BOOKED_AWAY] =	{ DIAG_WARNING, "booked visit %d on %s is kept although the patient cannot come that day%.0s" },
	[D_WARN_BOOKED_WEEKDAY] = { DIAG_WARNING, "booked visit %d on %s is kept although it is not one of the patient's weekdays%.0s" },
	[D_WARN_BOOKED_SHUT] =	{ DIAG_WARNING, "booked visit %d on %s is kept although the clinic is not open on that weekday%.0s" },
	[D_WARN_SHORT_PAUSE] =	{ DIAG_WARNING, "%s should have been stopped on %s, %d days ago, before a booked visit: the handout says to stop it from today" },
	[D_WARN_FIXED_GAP] =	{ DIAG_WARNING, "visits %d and %d are %d days apart, outside the protocol's %d to %d, and both are fixed (given or booked): kept" },
	[D_WARN_ALLERGY] =	{ DIAG_WARNING, "allergy %s matches the protocol's solution %s%s" },
	[D_WARN_ANTICOAG] =	{ DIAG_WARNING, "medication %s is a blood thinner%.0s: more bleeding and bruising after injections" },
	[D_WARN_KEEP_THINNER] =	{ DIAG_WARNING, "medication %s is a blood thinner, never paused on a schedule (%.0sclass '%s' of drugs.yaml): more bleeding and bruising after injections; the handout tells the patient to keep taking it; talk with the patient about it" },
	[D_WARN_KEEP] =		{ DIAG_WARNING, "medication %s is never paused on a schedule (%.0sclass '%s' of drugs.yaml): the handout tells the patient to keep taking it; talk with the patient about it" },
	[D_WARN_DOSE] =		{ DIAG_WARNING, "medication %s gives no dose that settles its class: taken as %s, whose pause needs the prescriber's agreement; write the dose (such as '81 mg daily') to be sure" },
	[D_WARN_LEAD] =		{ DIAG_WARNING, "the next visit is planned no earlier than %s, so that %s can be stopped %d days before it" },
	[D_WARN_LATE] =		{ DIAG_WARNING, "the first visit is planned on %s, %d days after the earliest day it could be (%s), because %s" },
	[D_WARN_START] =	{ DIAG_WARNING, "start %s is before today %s: the course is planned from today" },
	[D_WARN_CONDITION] =	{ DIAG_WARNING, "condition %s is not one any rule knows%.0s: check whether it matters for the injections" },
	[D_WARN_ALLERGEN] =	{ DIAG_WARNING, "allergy %s is not one any rule or ingredient knows%.0s: check whether it matters for the injections" },
	[D_NOPLAN_DOSE] =	{ DIAG_NOPLAN, "no plan: %s %s mg at each visit%s is over the label's maximum of %s (rule %s; %s): at most %s mL a site for this patient; lower volume_ml, or override the rule with a reason (overrides: [{rule: %s, reason: ..., approved_by: ...}])" },
	[D_WARN_DOSE_NEAR] =	{ DIAG_WARNING, "%s %s mg at each visit%s is %d%% of the label's maximum of %s (rule %s; %s): at most %s mL a site stays within it for this patient" },
	[D_WARN_DOSE_OVER] =	{ DIAG_WARNING, "rule '%s' would stop the course: %s %s mg at each visit%s is over the label's maximum of %s (%s); overridden: %s (approved by %s); at most %s mL a site would stay within it" },
	[D_WARN_WEIGH] =	{ DIAG_WARNING, "no weight_kg: at the protocol's most, %s mL a site at %d site%s, %s would be %s mg, over the label's %s mg/kg for a %s kg adult (rule %s); weigh the patient and give weight_kg: without it only the label's %s mg is checked" },
	[D_WARN_DOSE_UNCHECKED] = { DIAG_WARNING, "protocol '%s' gives no ingredients and volume_ml, so the dose of %s its solution names is not checked against the label's maximum (rule %s)" },
	[D_WARN_PROTO_LANG] =	{ DIAG_WARNING, "protocol '%s' has no '%s' text for '%s'; the handout uses %s" },
	[D_WARN_RULE] =		{ DIAG_WARNING, "rule '%s' (%s): %s" },
	[D_WARN_OVERRIDE] =	{ DIAG_WARNING, "rule '%s' would stop the course (%s) and is overridden: %s (approved by %s)" },
	[D_WARN_BOOK_UNTIMED] =	{ DIAG_WARNING, "an appointment to come has no time (%zu in this book, the first here): it holds no slot, so a planned visit may be given its time; give each appointment its time" },
};

static const char *const diag_label[] = {
	[DIAG_DATA] = "error",
	[DIAG_NOPLAN] = "error",
	[DIAG_WARNING] = "warning",
	[DIAG_NOTE] = "note",
};

enum diag_class
diag_class(enum diag_code code)
{
	return diag_table[code].class;
}

static void
diag_vset(struct diag *d, const char *file, int line, int col,
    enum diag_code code, va_list ap)
{
	free(d->file);
	d->file = xstrdup(file);
	d->line = line;
	d->col = col;
	d->code = code;
	vsnprintf(d->msg, sizeof(d->msg), diag_table[code].fmt, ap);
}

/*
 * Fills d and returns -1, so callers can write "return diag_set(...)".
 * A note of an earlier message goes with it: it belonged to that one.
 */
int
diag_set(struct diag *d, const char *file, int line, int col,
    enum diag_code code, ...)
{
	va_list ap;

	if (d->note != NULL) {
		diag_release(d->note);
		free(d->note);
		d->note = NULL;
	}
	va_start(ap, code);
	diag_vset(d, file, line, col, code, ap);
	va_end(ap);
	return -1;
}

/*
 * Notes follow the message in the order they were added: the parser's
 * note on a protocol file's line break, then where the patient named it.
 */
void
diag_add_note(struct diag *d, const char *file, int line, int col,
    enum diag_code code, ...)
{
	va_list ap;

	while (d->note != NULL)
		d = d->note;
	d->note = xcalloc(1, sizeof(*d->note));
	va_start(ap, code);
	diag_vset(d->note, file, line, col, code, ap);
	va_end(ap);
}

void
diag_copy(struct diag *dst, const struct diag *src)
{
	diag_release(dst);
	*dst = *src;
	dst->file = src->file ? xstrdup(src->file) : NULL;
	dst->note = NULL;
	if (src->note) {
		dst->note = xcalloc(1, sizeof(*dst->note));
		diag_copy(dst->note, src->note);
	}
}

void
diag_release(struct diag *d)
{
	/* One never set, or released already, holds nothing to clear. */
	if (d->file == NULL && d->note == NULL)
		return;
	if (d->note) {
		diag_release(d->note);
		free(d->note);
	}
	free(d->file);
	memset(d, 0, sizeof(*d));
}

/* A number at p, as %d writes it; returns the end. */
static char *
put_int(char *p, int v)
{
	char digits[16], *q;
	unsigned u;

	q = digits + sizeof(digits);
	u = v < 0 ? 0u - (unsigned)v : (unsigned)v;
	do
		*--q = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (v < 0)
		*--q = '-';
	while (q < digits + sizeof(digits))
		*p++ = *q++;
	return p;
}

static char *
put_str(char *p, const char *s)
{
	size_t n = strlen(s);

	memcpy(p, s, n);
	return p + n;
}

/*
 * "file:line:col: label: message\n", or "file: label: message\n", into
 * line, a buffer of DIAG_LINE_MAX bytes, not NUL-terminated; returns its
 * length.  The line is put together here rather than by fprintf(),
 * which sets up a buffer of its own for every message to standard error,
 * and a census has a message for nearly every patient.
 */
size_t
diag_format(char *line, const struct diag *d)
{
	char *p;

	diag_name(line, DIAG_NAME_MAX, d->file);
	p = line + strlen(line);
	if (d->line > 0) {
		*p++ = ':';
		p = put_int(p, d->line);
		*p++ = ':';
		p = put_int(p, d->col);
	}
	p = put_str(p, ": ");
	p = put_str(p, diag_label[diag_table[d->code].class]);
	p = put_str(p, ": ");
	p = put_str(p, d->msg);
	*p++ = '\n';
	return (size_t)(p - line);
}

/* The message and its notes, each a line, each written in one call. */
void
diag_print(FILE *fp, const struct diag *d)
{
	char line[DIAG_LINE_MAX];

	for (; d != NULL; d = d->note)
		fwrite(line, 1, diag_format(line, d), fp);
}

/*
 * Writes at most max characters of s (len bytes) into buf[o..] with
 * control and format characters and invalid UTF-8 shown as \xNN,
 * keeping room for end more bytes.  Returns the new o, and *cut when s
 * did not all fit.
 */
static size_t
escape(char *buf, size_t size, size_t o, size_t end, const char *s,
    size_t len, size_t max, int *cut)
{
	char piece[8];
	size_t i, chars, plen;
	uint32_t cp;
	int n;

	for (i = 0, chars = 0; i < len && chars < max; chars++) {
		/* Printable ASCII, most of every name and value, as it is. */
		if ((unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7f) {
			if (o + 1 + end > size)
				break;
			buf[o++] = s[i++];
			continue;
		}
		n = utf8_decode(s + i, len - i, &cp);
		if (n < 0 || cp < 0x20 || cp == 0x7f ||
		    (cp >= 0x80 && cp < 0xa0) || utf8_is_format(cp)) {
			snprintf(piece, sizeof(piece), "\\x%02x",
			    (unsigned char)s[i]);
			plen = strlen(piece);
			n = 1;
		} else {
			memcpy(piece, s + i, (size_t)n);
			plen = (size_t)n;
		}
		if (o + plen + end > size)
			break;
		memcpy(buf + o, piece, plen);
		o += plen;
		i += (size_t)n;
	}
	*cut = i < len;
	return o;
}

/*
 * Quotes a value from a file for a message: at most DIAG_QUOTE_MAX
 * characters, control and format characters and invalid UTF-8 shown as
 * \xNN, so a message never carries more of a patient's file than the
 * offending value's start, never sends raw control bytes to a terminal,
 * and shows what is invisible ('visits' with a zero width space is not
 * the 'visits' it looks like; a right-to-left override would turn the
 * rest of the line around).
 */
const char *
diag_quote(char *buf, size_t size, const char *s, size_t len)
{
	size_t o;
	int cut;

	/* Room for the quotes, "..." and the NUL is kept at every step. */
	if (size < 6) {
		if (size >= 3)
			memcpy(buf, "''", 3);
		else if (size > 0)
			buf[0] = '\0';
		return buf;
	}
	buf[0] = '\'';
	o = escape(buf, size, 1, 5, s, len, DIAG_QUOTE_MAX, &cut);
	if (cut) {
		memcpy(buf + o, "...", 3);
		o += 3;
	}
	buf[o++] = '\'';
	buf[o] = '\0';
	return buf;
}

/*
 * A file name or an environment value for a message, whole where it
 * fits, escaped as diag_quote() escapes: a name holding an escape
 * sequence or a right-to-left override must not drive the terminal.
 */
const char *
diag_name(char *buf, size_t size, const char *s)
{
	size_t o;
	int cut;

	if (size < 4) {
		if (size > 0)
			buf[0] = '\0';
		return buf;
	}
	o = escape(buf, size, 0, 4, s, strlen(s), (size_t)-1, &cut);
	if (cut) {
		memcpy(buf + o, "...", 3);
		o += 3;
	}
	buf[o] = '\0';
	return buf;
}
