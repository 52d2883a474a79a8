#include "CTollgateShim.h"
#include <errno.h>

int tollgate_errno(void) { return errno; }
