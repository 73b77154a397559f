#ifndef PROLO_WORD_H
#define PROLO_WORD_H

/*
 * Matching a name against free text as whole words, ignoring ASCII
 * case, the way medicines, allergies and drug names are matched:
 * "aspirin" is in "Aspirin 81 mg" and "low-dose aspirin", not in
 * "aspirinate".  Bytes of UTF-8 characters count as letters, so a
 * word never ends inside one.
 */
int	word_char(char);
int	word_match(const char *, const char *);
unsigned word_starts(const char *);
int	word_may_match(unsigned, const char *);

#endif
