#ifndef PROLO_RULES_H
#define PROLO_RULES_H

#include <stddef.h>

#include "schema.h"
#include "strv.h"

struct diag;
struct drugs;

/*
 * Clinical rules, as data in clinic and protocol files: each matches a
 * patient's medications (by name or class), allergies or conditions,
 * and has a level.  A note is printed on the handout, a warning on the
 * handout and standard error, and a stop leaves no plan unless the
 * patient file overrides it with a reason and who approved it.
 */

enum rule_level {
	RULE_NOTE,
	RULE_WARN,
	RULE_STOP
};

/*
 * A rule matches when any of its medications, classes, allergies or
 * conditions does, or when the patient takes a medicine of every one of
 * all_classes (an interaction).  Medications, allergies and conditions
 * are kept folded (norm.h).
 */
struct rule {
	char		*id;
	int		 level;		/* enum rule_level */
	struct strv	 medications;
	struct strv	 classes;
	struct strv	 all_classes;
	struct strv	 allergies;
	struct strv	 conditions;
	struct langtext	 text;
	char		*file;		/* where it was written */
	struct pos	 at;
};

struct rules {
	struct rule	*v;
	size_t		 n;
};

/* The rules key of a file, read into member, a struct rules of struct st. */
#define RULES_FIELD(st, member) \
	{ .key = "rules", .type = SCHEMA_LIST, .flags = SCHEMA_UNIQUE, \
	  .off = offsetof(st, member.v), .count = offsetof(st, member.n), \
	  .size = sizeof(struct rule), .id = offsetof(struct rule, id), \
	  .arg = &rules_elem }

extern const struct schema_field rules_elem;

void		 rules_release(struct rules *);
int		 rules_check_classes(const struct rules *,
		    const struct drugs *, struct diag *);
const char	*rule_text(const struct rule *, const char *);

#endif
