/*
 * bare: a process that only starts and exits, linked against libyaml
 * as prolo is, so the dynamic loader maps the same libraries.  The one
 * call keeps the library a real dependency even under --as-needed.
 */
#include <yaml.h>

int
main(void)
{
	return yaml_get_version_string() == NULL;
}
