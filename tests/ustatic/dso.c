// SPDX-License-Identifier: GPL-2.0
/*
 * A shared object for the static-key tests: dlopen'ed after keys have changed, it must come
 * up with its sites already matching them, follow later changes, and leave on dlclose.
 */
#include <hookcost/static_branch.h>

HC_DECLARE_STATIC_KEY_FALSE(hc_test_key_false);
HC_DEFINE_STATIC_KEY_TRUE(hc_dso_key_true);

int hc_dso_unlikely_false(void)
{
	return hc_static_branch_unlikely(&hc_test_key_false);
}

int hc_dso_likely_false(void)
{
	return hc_static_branch_likely(&hc_test_key_false);
}

int hc_dso_unlikely_true(void)
{
	return hc_static_branch_unlikely(&hc_dso_key_true);
}
