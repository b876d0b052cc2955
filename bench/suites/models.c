// SPDX-License-Identifier: GPL-2.0
/*
 * The translation unit that holds the models' state and out-of-line code (see compat.h): the
 * harness's counterpart of the module file that does the same for hookcost.ko.
 */
/* Hook thunks save general registers only: no vector registers here (gate.h). */
#pragma GCC target("general-regs-only")

#define HC_MODELS_DEFINE
#include <hookcost/memcg.h>
#include <hookcost/tcp_mem.h>
#include <hookcost/slab_acct.h>
