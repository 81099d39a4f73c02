"""The editor's inbox: review what municipalities sent, publish it as content, delete it on schedule."""
