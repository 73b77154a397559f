#ifndef PROLO_NORM_H
#define PROLO_NORM_H

/*
 * Text as prolo matches it, whatever way it was typed: medicines,
 * conditions, allergies and the names data files give them are folded
 * alike (case, accents, spacing, punctuation, "81mg" as "81 mg") and
 * then compared as whole words.
 */
char	*norm_fold(const char *);
int	 norm_has(const char *, const char *);

#endif
