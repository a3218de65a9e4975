#include "io/ImportWorker.h"
