// SPDX-License-Identifier: GPL-2.0
/*
 * Debian ships no static libudev, which the static libhwloc refers to. The guest has no udev
 * either: udev_new() failing makes hwloc read sysfs directly, as it does without udev.
 */
#include <stddef.h>

struct udev;
struct udev_device;

struct udev *udev_new(void)
{
	return NULL;
}

struct udev *udev_unref(struct udev *udev)
{
	return NULL;
}

struct udev_device *udev_device_new_from_subsystem_sysname(struct udev *udev,
							   const char *subsystem,
							   const char *sysname)
{
	return NULL;
}

const char *udev_device_get_property_value(struct udev_device *dev, const char *key)
{
	return NULL;
}

struct udev_device *udev_device_unref(struct udev_device *dev)
{
	return NULL;
}
