@_exported import LookML
